const body = new FormData();
body.append("meta", "{\"a\":1}");

const response = await fetch("https://api.example.com/anything/signed", {
  method: "POST",
  headers: [
    ["X-Missing", "{{missing}}"],
  ],
  body: body,
});

console.log(response.status);
console.log(await response.text());
