import { readFile } from 'node:fs/promises';

const response = await fetch("https://api.example.com/anything/blob", {
  method: "PUT",
  body: await readFile("files/data.bin"),
});

console.log(response.status);
console.log(await response.text());
