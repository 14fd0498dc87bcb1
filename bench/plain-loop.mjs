// The ceiling: a plain sequential keep-alive HTTP loop with undici, sending the same
// requests as the generated collection. Runs as its own process, like the runners.
import { Agent, request } from 'undici';

const [base, countArg] = process.argv.slice(2);
const count = Number(countArg);
const agent = new Agent({ keepAliveTimeout: 30_000 });
for (let i = 0; i < count; i++) {
  const post = i % 2 === 1;
  const res = await request(post ? `${base}/post?i=${i}` : `${base}/get?i=${i}&q=bench`, {
    dispatcher: agent,
    method: post ? 'POST' : 'GET',
    ...(post
      ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: i, name: `item ${i}`, tags: ['a', 'b'], nested: { ok: true } }) }
      : {}),
  });
  await res.body.arrayBuffer();
}
await agent.close();
