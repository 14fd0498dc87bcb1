const response = await fetch("https://api.example.com/anything/keyed", {
  method: "GET",
  headers: [
    ["X-API-Key", "k-123"],
  ],
});

console.log(response.status);
console.log(await response.text());
