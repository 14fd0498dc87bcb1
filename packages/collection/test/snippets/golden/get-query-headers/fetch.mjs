const response = await fetch("https://api.example.com/anything/items?page=2&q=hello%20world&tag=a&tag=b&empty=", {
  method: "GET",
  headers: [
    ["X-Trace", "abc-123"],
    ["Accept", "application/json"],
  ],
});

console.log(response.status);
console.log(await response.text());
