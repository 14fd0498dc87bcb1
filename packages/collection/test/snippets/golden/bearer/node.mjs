import { request } from 'undici';

const { statusCode, body: responseBody } = await request("https://api.example.com/anything/tokens/7", {
  method: "DELETE",
  headers: {
    "Authorization": "Bearer tok.en-value",
  },
});

console.log(statusCode);
console.log(await responseBody.text());
