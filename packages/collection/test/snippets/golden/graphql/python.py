import requests

url = "https://api.example.com/anything/graphql"
headers = {
    "Content-Type": "application/json",
}
payload = "{\"query\":\"query ($id: ID!) {\\n  user(id: $id) { name }\\n}\",\"variables\":{\"id\":\"u-1\"}}".encode("utf-8")

response = requests.request("POST", url, headers=headers, data=payload, timeout=30)
print(response.status_code)
print(response.text)
