// Program.cs of a console project (.NET 6 or later): dotnet run
using System;
using System.Net.Http;
using System.Text;

using var client = new HttpClient();
using var request = new HttpRequestMessage(new HttpMethod("POST"), "https://api.example.com/anything/users");
request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes("{\n  \"name\": \"Ada\",\n  \"tags\": [\"a\", \"b\"],\n  \"admin\": true\n}"));
request.Headers.TryAddWithoutValidation("X-Request-Id", "req-42");
request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");

using var response = await client.SendAsync(request);
Console.WriteLine((int)response.StatusCode);
Console.WriteLine(await response.Content.ReadAsStringAsync());
