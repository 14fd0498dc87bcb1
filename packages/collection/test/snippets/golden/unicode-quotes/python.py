import requests

url = "https://api.example.com/anything/%C3%BCn%C3%AF/%C3%A7%C3%B8d%C3%A9?emoji=%F0%9F%98%80&quote=%22it%27s%22&dollar=$HOME"
headers = {
    "X-Quotes": "it's \"quoted\" \\ back $HOME #{x} ${x} %s",
    "X-Empty": "",
    "Content-Type": "text/plain",
}
payload = "Grüße 😀 \"double\" 'single' \\ back\\slash $HOME ${x} #{x} {x} %d\n\ttab\r\nline   end".encode("utf-8")

response = requests.request("PATCH", url, headers=headers, data=payload, timeout=30)
print(response.status_code)
print(response.text)
