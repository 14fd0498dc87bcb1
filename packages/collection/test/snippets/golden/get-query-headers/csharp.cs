// Program.cs of a console project (.NET 6 or later): dotnet run
using System;
using System.Net.Http;

using var client = new HttpClient();
using var request = new HttpRequestMessage(new HttpMethod("GET"), "https://api.example.com/anything/items?page=2&q=hello%20world&tag=a&tag=b&empty=");
request.Headers.TryAddWithoutValidation("X-Trace", "abc-123");
request.Headers.TryAddWithoutValidation("Accept", "application/json");

using var response = await client.SendAsync(request);
Console.WriteLine((int)response.StatusCode);
Console.WriteLine(await response.Content.ReadAsStringAsync());
