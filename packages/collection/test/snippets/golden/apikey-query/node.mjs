import { request } from 'undici';

const { statusCode, body: responseBody } = await request("https://api.example.com/anything/search?q=x&api_key=s3cr3t%2F%2B%3D", {
  method: "GET",
});

console.log(statusCode);
console.log(await responseBody.text());
