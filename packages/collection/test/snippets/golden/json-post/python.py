import requests

url = "https://api.example.com/anything/users"
headers = {
    "X-Request-Id": "req-42",
    "Content-Type": "application/json",
}
payload = "{\n  \"name\": \"Ada\",\n  \"tags\": [\"a\", \"b\"],\n  \"admin\": true\n}".encode("utf-8")

response = requests.request("POST", url, headers=headers, data=payload, timeout=30)
print(response.status_code)
print(response.text)
