import { request } from 'undici';

const { statusCode, body: responseBody } = await request("https://api.example.com/digest-auth", {
  method: "GET",
});

console.log(statusCode);
console.log(await responseBody.text());
