/** The part of Az.js (npm `az`) the style checker uses. */
declare module 'az' {
  export interface AzTag {
    toString(): string;
  }
  export interface AzParse {
    word: string;
    tag: AzTag;
    score: number;
    normalize(keepPOS?: boolean): AzParse;
    inflect(grammemes: string[]): AzParse | false;
  }
  export interface AzMorphConfig {
    ignoreCase?: boolean;
    replacements?: Record<string, string>;
    stutter?: number;
    typos?: number | 'auto';
    parsers?: string[];
  }
  export interface AzMorph {
    (word: string, config?: AzMorphConfig): AzParse[];
    init(path: string, callback: (err: unknown) => void): void;
    Parsers: Record<string, (word: string, config: AzMorphConfig) => AzParse[]>;
  }
  export type AzLoadCallback = (err: unknown, data?: unknown) => void;
  const Az: {
    Morph: AzMorph;
    load: (url: string, responseType: 'json' | 'arraybuffer', callback: AzLoadCallback) => void;
  };
  export default Az;
}
