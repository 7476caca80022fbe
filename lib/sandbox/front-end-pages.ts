// What WeChat's HTTPS front end answers before any API sees a /secapi/ request without an
// acceptable client certificate: an HTTP 400 HTML page (wechatpay.md §7, observed), never XML.

export const NO_CERTIFICATE = 'No required SSL certificate was sent';
export const CERTIFICATE_ERROR = 'The SSL certificate error';

export function frontEndPage(message: typeof NO_CERTIFICATE | typeof CERTIFICATE_ERROR): string {
  return [
    '<html>',
    `<head><title>400 ${message}</title></head>`,
    '<body>',
    '<center><h1>400 Bad Request</h1></center>',
    `<center>${message}</center>`,
    '<hr><center>stgw</center>',
    '</body>',
    '</html>',
    '',
  ].join('\r\n');
}
