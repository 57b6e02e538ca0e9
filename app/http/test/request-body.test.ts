import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import express from 'express';
import request from 'supertest';
import { graphQlBodyReader } from '../request-body';

/** A server that answers what the reader left in req.body, or the error it passed on (with body-parser's `type`). */
function echoApp(limit = '1kb') {
  const seen: unknown[] = [];
  const web = express();
  web.post('/graphql', graphQlBodyReader(limit), (req, res) => {
    res.json({ body: req.body as unknown });
  });
  web.use((err: { type?: string; status?: number }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    seen.push(err);
    res.status(err.status ?? 500).json({ type: err.type });
  });
  return { web, seen };
}

describe('GraphQL request bodies', () => {
  it('reads a plain UTF-8 body of a declared length as text, a BOM dropped, an empty one as ""', async () => {
    const { web } = echoApp();
    const json = '{"query":"{ products(search: \\"thé glacé\\") { total_count } }"}';
    expect((await request(web).post('/graphql').set('Content-Type', 'application/json').send(json)).body).toEqual({ body: json });
    expect((await request(web).post('/graphql').set('Content-Type', 'application/json; charset=UTF-8').send(`\uFEFF${json}`)).body).toEqual({ body: json });
    expect((await request(web).post('/graphql').set('Content-Type', 'application/json').set('Content-Length', '0').send('')).body).toEqual({ body: '' });
  });

  it('joins a character split across chunks, and hands chunked, compressed and other-charset bodies to body-parser', async () => {
    const { web } = echoApp();
    const server = web.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    const post = (headers: http.OutgoingHttpHeaders, parts: Buffer[]) =>
      new Promise<{ status: number; body: unknown }>((resolve, reject) => {
        const req = http.request({ port, host: '127.0.0.1', method: 'POST', path: '/graphql', headers }, (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
        });
        req.on('error', reject);
        let i = 0;
        const writeNext = () => (i < parts.length ? req.write(parts[i++], () => setTimeout(writeNext, 5)) : req.end());
        writeNext();
      });
    try {
      const text = '{"query":"é"}';
      const raw = Buffer.from(text);
      const split = raw.indexOf(0xc3) + 1; // between the two bytes of "é"
      expect(await post({ 'content-type': 'application/json', 'content-length': raw.length }, [raw.subarray(0, split), raw.subarray(split)])).toEqual({ status: 200, body: { body: text } });
      expect(await post({ 'content-type': 'application/json' }, [raw.subarray(0, split), raw.subarray(split)])).toEqual({ status: 200, body: { body: text } });
      const gzipped = zlib.gzipSync(raw);
      expect(await post({ 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': gzipped.length }, [gzipped])).toEqual({ status: 200, body: { body: text } });
      const latin1 = Buffer.from(text, 'latin1');
      expect(await post({ 'content-type': 'application/json; charset=latin1', 'content-length': latin1.length }, [latin1])).toEqual({ status: 200, body: { body: text } });
    } finally {
      server.close();
    }
  });

  it('refuses a declared length over the limit (413) and passes on an aborted body as body-parser does', async () => {
    const { web, seen } = echoApp('1kb');
    const big = await request(web).post('/graphql').set('Content-Type', 'application/json').send(JSON.stringify({ query: 'x'.repeat(2000) }));
    expect(big.status).toBe(413);
    expect(big.body).toEqual({ type: 'entity.too.large' });
    seen.length = 0;
    const server = web.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const req = http.request({ port, host: '127.0.0.1', method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json', 'content-length': 100 } });
      req.on('error', () => undefined);
      req.write('{"query":');
      await new Promise((resolve) => setTimeout(resolve, 50));
      req.destroy();
      for (let i = 0; i < 50 && !seen.length; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(seen).toEqual([expect.objectContaining({ type: 'request.aborted', status: 400 })]);
    } finally {
      server.close();
    }
  });
});
