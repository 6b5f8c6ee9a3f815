import { convert } from 'html-to-text';
import sanitizeHtml from 'sanitize-html';

/**
 * Mail HTML as it may be shown to an operator: no scripts, styles, forms or frames, no event
 * handlers or javascript: links; images only when embedded (cid:, data:) so opening a letter
 * never calls a sender's tracking server.
 */
export function sanitizeMailHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'font', 'center', 'u', 's'],
    allowedAttributes: {
      a: ['href', 'name', 'title', 'rel', 'target'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      td: ['colspan', 'rowspan', 'align', 'valign'],
      th: ['colspan', 'rowspan', 'align', 'valign'],
      font: ['color'],
      '*': ['lang', 'dir'],
    },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['cid', 'data'] },
    allowProtocolRelative: false,
    transformTags: {
      a: sanitizeHtml.simpleTransform('a', {
        rel: 'noopener noreferrer nofollow',
        target: '_blank',
      }),
    },
  });
}

/** The plain-text version of sanitised HTML: what is stored and searched when a mail has no text part. */
export function htmlToPlainText(safeHtml: string): string {
  return convert(safeHtml, {
    wordwrap: false,
    selectors: [
      { selector: 'img', format: 'skip' },
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true, ignoreHref: false } },
    ],
  });
}
