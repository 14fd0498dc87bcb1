import requests

url = "https://api.example.com/anything/form"
headers = {
    "Content-Type": "application/x-www-form-urlencoded",
}
payload = "name=Ada+Lovelace&math=1%2B1%3D2+%26+3*3%3D9&city=Z%C3%BCrich".encode("utf-8")

response = requests.request("POST", url, headers=headers, data=payload, timeout=30)
print(response.status_code)
print(response.text)
