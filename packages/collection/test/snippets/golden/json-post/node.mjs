import { request } from 'undici';

const { statusCode, body: responseBody } = await request("https://api.example.com/anything/users", {
  method: "POST",
  headers: {
    "X-Request-Id": "req-42",
    "Content-Type": "application/json",
  },
  body: "{\n  \"name\": \"Ada\",\n  \"tags\": [\"a\", \"b\"],\n  \"admin\": true\n}",
});

console.log(statusCode);
console.log(await responseBody.text());
