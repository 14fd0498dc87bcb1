import { request } from 'undici';

const { statusCode, body: responseBody } = await request("https://api.example.com/anything/graphql", {
  method: "POST",
  headers: {
    "Content-Type": "application/json",
  },
  body: "{\"query\":\"query ($id: ID!) {\\n  user(id: $id) { name }\\n}\",\"variables\":{\"id\":\"u-1\"}}",
});

console.log(statusCode);
console.log(await responseBody.text());
