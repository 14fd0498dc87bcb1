const response = await fetch("https://api.example.com/anything/search?q=x&api_key=s3cr3t%2F%2B%3D", {
  method: "GET",
});

console.log(response.status);
console.log(await response.text());
