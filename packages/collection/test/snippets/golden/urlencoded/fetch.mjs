const response = await fetch("https://api.example.com/anything/form", {
  method: "POST",
  headers: [
    ["Content-Type", "application/x-www-form-urlencoded"],
  ],
  body: "name=Ada+Lovelace&math=1%2B1%3D2+%26+3*3%3D9&city=Z%C3%BCrich",
});

console.log(response.status);
console.log(await response.text());
