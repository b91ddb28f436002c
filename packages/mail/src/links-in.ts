// Sentence punctuation right after a link ("Abre https://…/x.") belongs to the sentence, not the link.
const LINK = /\bhttps?:\/\/[^\s<>"]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'»]+$/;

/** The http(s) links of a plain-text message, in order, each once. */
export function linksIn(text: string): string[] {
  const links = [...text.matchAll(LINK)].map(([link]) => link.replace(TRAILING_PUNCTUATION, ''));
  return [...new Set(links)];
}
