import { loggerParams, redactUrl } from './logging.js';

describe('log redaction', () => {
  it('hides secret query values and keeps the rest of the URL', () => {
    expect(redactUrl('/triggerreport?token=abc123&x=1')).toBe('/triggerreport?token=[redacted]&x=1');
    expect(redactUrl('/x?a=1&signature=s1g&m_signature=s2g')).toBe(
      '/x?a=1&signature=[redacted]&m_signature=[redacted]',
    );
    expect(redactUrl('/orders/A%2F1')).toBe('/orders/A%2F1');
  });

  it('redacts credentials and actor headers, and logs no bodies', () => {
    const http = loggerParams('info').pinoHttp as {
      redact: { paths: string[] };
      serializers: { req: (r: unknown) => Record<string, unknown> };
    };
    expect(http.redact.paths).toEqual(expect.arrayContaining(['req.headers.authorization', 'req.headers.cookie']));
    const logged = http.serializers.req({
      id: 'r1',
      method: 'POST',
      url: '/webhooks/sequra/events',
      headers: { authorization: 'Bearer secret', 'user-agent': 'seQura-Event/1.0' },
      body: 'm_signature=abc&email=ana@example.com',
    });
    expect(logged).toEqual({ id: 'r1', method: 'POST', url: '/webhooks/sequra/events', userAgent: 'seQura-Event/1.0' });
  });
});
