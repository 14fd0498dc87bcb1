import { readFile } from 'node:fs/promises';

const body = new FormData();
body.append("title", "A \"quoted\" title");
body.append("document", new Blob([await readFile("files/hello.txt")], { type: "application/octet-stream" }), "hello.txt");
body.append("blob", new Blob([await readFile("files/data.bin")], { type: "application/x-custom" }), "data.bin");

const response = await fetch("https://api.example.com/anything/upload", {
  method: "POST",
  body: body,
});

console.log(response.status);
console.log(await response.text());
