import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** DejaVu Serif from its npm package: a free TrueType face with full Cyrillic. */
export const FONTS = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif-Bold.ttf'),
};
