const response = await fetch("https://api.example.com/anything/graphql", {
  method: "POST",
  headers: [
    ["Content-Type", "application/json"],
  ],
  body: "{\"query\":\"query ($id: ID!) {\\n  user(id: $id) { name }\\n}\",\"variables\":{\"id\":\"u-1\"}}",
});

console.log(response.status);
console.log(await response.text());
