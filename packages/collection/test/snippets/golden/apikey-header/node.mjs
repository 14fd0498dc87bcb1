import { request } from 'undici';

const { statusCode, body: responseBody } = await request("https://api.example.com/anything/keyed", {
  method: "GET",
  headers: {
    "X-API-Key": "k-123",
  },
});

console.log(statusCode);
console.log(await responseBody.text());
