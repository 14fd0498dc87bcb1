import { request } from 'undici';

const { statusCode, body: responseBody } = await request("https://api.example.com/anything/basic", {
  method: "GET",
  headers: {
    "Authorization": "Basic cG9zdG1hbjpwYSQkOnfDtnJk",
  },
});

console.log(statusCode);
console.log(await responseBody.text());
