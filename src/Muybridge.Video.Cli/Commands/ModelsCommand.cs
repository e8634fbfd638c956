using System.CommandLine;
using Muybridge.Video.Onnx.Catalog;

namespace Muybridge.Video.Cli.Commands;

/// <summary><c>muybridge models list|fetch|verify</c>: the model catalog and the local cache.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var cache = new Option<string?>("--cache") { Description = $"Cache folder. Default: ${ModelCache.EnvironmentVariable}, else {ModelCache.DefaultFolder}." };
        return new Command("models", "The model catalog: list what is supported, fetch into the cache, verify cached files.")
        {
            List(cache),
            Fetch(cache),
            Verify(cache),
        };
    }

    private static Command List(Option<string?> cache)
    {
        var command = new Command("list", "Every catalogued model: stage, whether a SHA-256 is published, whether it is cached, source.") { cache };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(ct =>
        {
            var store = new ModelCache(parse.GetValue(cache));
            Console.WriteLine($"cache: {store.Folder}");
            Console.WriteLine($"{"name",-26} {"stage",-14} {"sha256",-10} {"cached",-11} source");
            foreach (var card in ModelCatalog.All)
            {
                var state = File.Exists(store.PathFor(card.Primary)) ? "yes" : "no";
                var source = card.Primary.Source ?? "(bring your own file: " + card.Homepage + ")";
                Console.WriteLine($"{card.Name,-26} {card.Stage,-14} {(card.Primary.Sha256 is null ? "none" : "published"),-10} {state,-11} {source}");
                Console.WriteLine($"{"",-26} in:  {string.Join("; ", card.Inputs)}");
                Console.WriteLine($"{"",-26} out: {string.Join("; ", card.Outputs)}");
                Console.WriteLine($"{"",-26} licence: {card.Licence}");
            }

            return Task.CompletedTask;
        }, cancellationToken));
        return command;
    }

    private static Command Fetch(Option<string?> cache)
    {
        var names = new Argument<string[]>("name") { Description = "Catalog names (see `muybridge models list`).", Arity = ArgumentArity.OneOrMore };
        var allow = new Option<bool>("--allow-unverified") { Description = "Accept files for which no SHA-256 is published; the measured hash is printed so you can pin it." };
        var command = new Command("fetch", "Download models into the cache (resumes a cut download, checks the SHA-256, never leaves a bad file under its final name).") { names, cache, allow };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async ct =>
        {
            using var http = new HttpClient();
            var downloader = new ModelDownloader(new ModelCache(parse.GetValue(cache)), http) { AllowUnverified = parse.GetValue(allow) };
            var progress = DownloadBar.Create();
            foreach (var name in parse.GetValue(names)!)
            {
                var card = ModelCatalog.Find(name);
                foreach (var status in await downloader.FetchAsync(card, progress, ct))
                {
                    Console.WriteLine($"{Describe(status.State),-10} {status.Path} sha256 {status.ActualSha256}");
                }
            }
        }, cancellationToken));
        return command;
    }

    private static Command Verify(Option<string?> cache)
    {
        var names = new Argument<string[]>("name") { Description = "Catalog names; default: every model in the catalog.", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("verify", "Check cached files against their published SHA-256 (exit 1 when one is corrupt).") { names, cache };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var corrupt = false;
            var code = await CommandRunner.RunAsync(ct =>
            {
                var store = new ModelCache(parse.GetValue(cache));
                var chosen = parse.GetValue(names) is { Length: > 0 } given ? given.Select(ModelCatalog.Find) : ModelCatalog.All;
                foreach (var card in chosen)
                {
                    foreach (var status in store.Verify(card, ct))
                    {
                        corrupt |= status.State == ModelFileState.Corrupt;
                        Console.WriteLine($"{Describe(status.State),-10} {card.Name,-26} {status.Path}{(status.State == ModelFileState.Corrupt ? $" (sha256 {status.ActualSha256}, published {status.File.Sha256})" : "")}");
                    }
                }

                return Task.CompletedTask;
            }, cancellationToken);
            return code != 0 ? code : corrupt ? 1 : 0;
        });
        return command;
    }

    private static string Describe(ModelFileState state) => state switch
    {
        ModelFileState.Verified => "ok",
        ModelFileState.Unverified => "unverified",
        ModelFileState.Corrupt => "CORRUPT",
        _ => "missing",
    };
}
