import { FormData, request } from 'undici';

const body = new FormData();
body.append("meta", "{\"a\":1}");

const { statusCode, body: responseBody } = await request("https://api.example.com/anything/signed", {
  method: "POST",
  headers: {
    "X-Missing": "{{missing}}",
  },
  body: body,
});

console.log(statusCode);
console.log(await responseBody.text());
