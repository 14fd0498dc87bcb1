const response = await fetch("https://api.example.com/anything/basic", {
  method: "GET",
  headers: [
    ["Authorization", "Basic cG9zdG1hbjpwYSQkOnfDtnJk"],
  ],
});

console.log(response.status);
console.log(await response.text());
