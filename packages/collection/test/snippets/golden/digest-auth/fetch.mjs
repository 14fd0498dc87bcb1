const response = await fetch("https://api.example.com/digest-auth", {
  method: "GET",
});

console.log(response.status);
console.log(await response.text());
