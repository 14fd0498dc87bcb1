// Program.cs of a console project (.NET 6 or later): dotnet run
using System;
using System.Net.Http;

using var client = new HttpClient();
using var request = new HttpRequestMessage(new HttpMethod("GET"), "https://api.example.com/anything/keyed");
request.Headers.TryAddWithoutValidation("X-API-Key", "k-123");

using var response = await client.SendAsync(request);
Console.WriteLine((int)response.StatusCode);
Console.WriteLine(await response.Content.ReadAsStringAsync());
