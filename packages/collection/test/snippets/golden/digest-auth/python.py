import requests
from requests.auth import HTTPDigestAuth

url = "https://api.example.com/digest-auth"

response = requests.request("GET", url, auth=HTTPDigestAuth("postman", "password"), timeout=30)
print(response.status_code)
print(response.text)
