const response = await fetch("https://api.example.com/anything/tokens/7", {
  method: "DELETE",
  headers: [
    ["Authorization", "Bearer tok.en-value"],
  ],
});

console.log(response.status);
console.log(await response.text());
