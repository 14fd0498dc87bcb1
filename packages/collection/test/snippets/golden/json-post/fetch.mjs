const response = await fetch("https://api.example.com/anything/users", {
  method: "POST",
  headers: [
    ["X-Request-Id", "req-42"],
    ["Content-Type", "application/json"],
  ],
  body: "{\n  \"name\": \"Ada\",\n  \"tags\": [\"a\", \"b\"],\n  \"admin\": true\n}",
});

console.log(response.status);
console.log(await response.text());
