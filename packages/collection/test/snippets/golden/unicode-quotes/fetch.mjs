const response = await fetch("https://api.example.com/anything/%C3%BCn%C3%AF/%C3%A7%C3%B8d%C3%A9?emoji=%F0%9F%98%80&quote=%22it%27s%22&dollar=$HOME", {
  method: "PATCH",
  headers: [
    ["X-Quotes", "it's \"quoted\" \\ back $HOME #{x} ${x} %s"],
    ["X-Empty", ""],
    ["Content-Type", "text/plain"],
  ],
  body: "Grüße 😀 \"double\" 'single' \\ back\\slash $HOME ${x} #{x} {x} %d\n\ttab\r\nline   end",
});

console.log(response.status);
console.log(await response.text());
