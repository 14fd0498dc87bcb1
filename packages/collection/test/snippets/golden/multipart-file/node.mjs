import { readFile } from 'node:fs/promises';
import { FormData, request } from 'undici';

const body = new FormData();
body.append("title", "A \"quoted\" title");
body.append("document", new Blob([await readFile("files/hello.txt")], { type: "application/octet-stream" }), "hello.txt");
body.append("blob", new Blob([await readFile("files/data.bin")], { type: "application/x-custom" }), "data.bin");

const { statusCode, body: responseBody } = await request("https://api.example.com/anything/upload", {
  method: "POST",
  body: body,
});

console.log(statusCode);
console.log(await responseBody.text());
