/**
 * Outlook returns bodies as HTML unless `Prefer: outlook.body-content-type="text"` asks for text
 * (https://learn.microsoft.com/graph/outlook-create-event-in-shared-delegated-calendar — "Prefer:
 * outlook.body-content-type"); it converts whichever way the stored body needs.
 */
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };

export const textToHtml = (text: string): string => {
  const escaped = text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
  return `<html><head>\r\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\r\n</head>\r\n<body>\r\n${escaped.replace(/\r?\n/g, '<br>\r\n')}\r\n</body>\r\n</html>\r\n`;
};

export const htmlToText = (html: string): string => {
  const inner = /<body[^>]*>\r?\n?([\s\S]*?)\r?\n?<\/body>/i.exec(html)?.[1] ?? html;
  return inner
    .replace(/<br\s*\/?>(\r?\n)?/gi, '\n')
    .replace(/<\/(p|div)>(\r?\n)?/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (e) => ENTITIES[e] ?? e)
    .replace(/\n$/, '');
};

export const bodyAs = (body: { contentType: 'text' | 'html'; content: string }, wanted: 'text' | 'html') => {
  if (body.contentType === wanted) return body;
  return { contentType: wanted, content: wanted === 'html' ? textToHtml(body.content) : htmlToText(body.content) };
};

export const bodyPreview = (body: { contentType: 'text' | 'html'; content: string }): string =>
  (body.contentType === 'html' ? htmlToText(body.content) : body.content).replace(/\s+/g, ' ').trim().slice(0, 255);
