// Program.cs of a console project (.NET 6 or later): dotnet run
using System;
using System.Net.Http;
using System.Text;

using var client = new HttpClient();
using var request = new HttpRequestMessage(new HttpMethod("POST"), "https://api.example.com/anything/signed");
var form = new MultipartFormDataContent();
var part1 = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"a\":1}"));
part1.Headers.TryAddWithoutValidation("Content-Type", "application/json");
form.Add(part1, "meta");
request.Content = form;
request.Headers.TryAddWithoutValidation("X-Missing", "{{missing}}");

using var response = await client.SendAsync(request);
Console.WriteLine((int)response.StatusCode);
Console.WriteLine(await response.Content.ReadAsStringAsync());
