// Program.cs of a console project (.NET 6 or later): dotnet run
using System;
using System.Net.Http;
using System.Text;

using var client = new HttpClient();
using var request = new HttpRequestMessage(new HttpMethod("PATCH"), "https://api.example.com/anything/%C3%BCn%C3%AF/%C3%A7%C3%B8d%C3%A9?emoji=%F0%9F%98%80&quote=%22it%27s%22&dollar=$HOME");
request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes("Gr\u00FC\u00DFe \uD83D\uDE00 \"double\" 'single' \\ back\\slash $HOME ${x} #{x} {x} %d\n\ttab\r\nline \u2028 end"));
request.Headers.TryAddWithoutValidation("X-Quotes", "it's \"quoted\" \\ back $HOME #{x} ${x} %s");
request.Headers.TryAddWithoutValidation("X-Empty", "");
request.Content.Headers.TryAddWithoutValidation("Content-Type", "text/plain");

using var response = await client.SendAsync(request);
Console.WriteLine((int)response.StatusCode);
Console.WriteLine(await response.Content.ReadAsStringAsync());
