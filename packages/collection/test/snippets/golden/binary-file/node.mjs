import { readFile } from 'node:fs/promises';
import { request } from 'undici';

const { statusCode, body: responseBody } = await request("https://api.example.com/anything/blob", {
  method: "PUT",
  body: await readFile("files/data.bin"),
});

console.log(statusCode);
console.log(await responseBody.text());
