using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Muybridge.Video.Cli.Commands;

/// <summary>
/// What a render did, so it can be done again: the exact arguments, every input and model file with its SHA-256, the
/// stages that ran and the execution provider. <c>muybridge render --manifest file.json</c> checks the files are the same
/// and replays the arguments.
/// </summary>
internal sealed record RenderManifest(
    int FormatVersion,
    string Tool,
    IReadOnlyList<string> Arguments,
    IReadOnlyList<RenderManifest.FileHash> Inputs,
    IReadOnlyList<RenderManifest.FileHash> Models,
    IReadOnlyList<string> Stages,
    string Provider)
{
    /// <summary>The manifest format this tool writes and reads.</summary>
    public const int CurrentFormat = 1;

    /// <summary>The plan's line per step (what ran and where), for a reader; replay rebuilds them from the arguments.</summary>
    public IReadOnlyList<string>? Steps { get; init; }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    public sealed record FileHash(string Path, string Sha256);

    /// <summary>Options whose value is written: a replay keeps them inside the manifest's folder unless -o is given again.</summary>
    private static readonly HashSet<string> OutputOptions = ["-o", "--output", "--contact-sheet"];

    /// <summary>Options whose value is a file read (or a catalogue name): recorded as the full path when it is a file.</summary>
    private static readonly HashSet<string> PathOptions = ["-i", "--input", "--background", "--reference", "--subject-reference", "--style-model", "--model", "--interpolation-model", "--matte-model", "--upscale-model"];

    /// <summary>
    /// The command line to record: <c>--write-manifest</c> left out, and every file and output named by its full path, so a
    /// replay from another folder reads the very files that were hashed and writes where the render did.
    /// </summary>
    public static List<string> Recorded(IReadOnlyList<string> tokens)
    {
        var arguments = new List<string>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i] == "--write-manifest")
            {
                i++;
                continue;
            }

            arguments.Add(tokens[i]);
            if (i + 1 < tokens.Count && (OutputOptions.Contains(tokens[i]) || (PathOptions.Contains(tokens[i]) && (File.Exists(tokens[i + 1]) || Directory.Exists(tokens[i + 1])))))
            {
                arguments.Add(System.IO.Path.GetFullPath(tokens[++i]));
            }
        }

        return arguments;
    }

    /// <summary>
    /// The arguments to replay <paramref name="path"/> with: the recorded render, its files checked; its outputs only
    /// inside the manifest's folder, unless <paramref name="outputs"/> (the -o given beside --manifest) name them again.
    /// </summary>
    /// <exception cref="CommandException">The manifest cannot be replayed as it stands; the message says why.</exception>
    public static async Task<string[]> ReplayAsync(string path, IReadOnlyList<string> outputs, CancellationToken cancellationToken)
    {
        try
        {
            return await ReplayArgumentsAsync(path, outputs, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CommandException($"The manifest '{path}' cannot be replayed: {e.Message}", e);
        }
    }

    private static async Task<string[]> ReplayArgumentsAsync(string path, IReadOnlyList<string> outputs, CancellationToken cancellationToken)
    {
        var manifest = await ReadAsync(path, cancellationToken).ConfigureAwait(false);
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        var verified = manifest.Inputs.Select(i => System.IO.Path.GetFullPath(i.Path)).ToHashSet(StringComparer.Ordinal);
        var replay = new List<string>();
        var args = manifest.Arguments;
        for (var i = 0; i < args.Count; i++)
        {
            var option = args[i];
            if ((option is "-i" or "--input") && i + 1 < args.Count && !verified.Contains(System.IO.Path.GetFullPath(args[i + 1])))
            {
                throw new CommandException($"The manifest reads '{args[i + 1]}', which is not among the inputs it verified; it was not replayed.");
            }

            if (OutputOptions.Contains(option) && i + 1 < args.Count)
            {
                var target = System.IO.Path.GetFullPath(args[++i]);
                if (outputs.Count > 0 && option is "-o" or "--output")
                {
                    continue;
                }

                if (!target.StartsWith(folder + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    throw new CommandException($"The manifest writes '{target}', outside its own folder '{folder}'; give -o beside --manifest to say where the replay may write.");
                }

                replay.Add(option);
                replay.Add(target);
                continue;
            }

            replay.Add(option);
        }

        foreach (var output in outputs)
        {
            replay.Add("-o");
            replay.Add(output);
        }

        return [.. replay];
    }

    /// <summary>The largest manifest read.</summary>
    private const long MaxManifestBytes = 1 << 20;

    private static async Task<string> ReadBoundedAsync(string path, long limit, CancellationToken cancellationToken)
    {
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[limit + 1];
            var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (read > limit)
            {
                throw new CommandException($"'{path}' is larger than a manifest can be ({limit / 1024} KiB).");
            }

            return System.Text.Encoding.UTF8.GetString(buffer, 0, read);
        }
    }

    /// <summary>Appends a regular file's bytes to <paramref name="hash"/>; a device or pipe (more bytes than its length says) is refused.</summary>
    private static void AppendRegularFile(IncrementalHash hash, string path)
    {
        var length = new FileInfo(path).Length;
        using var stream = File.OpenRead(path);
        var buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            total += read;
            if (total > length)
            {
                throw new CommandException($"'{path}' is not a regular file (it reads past its length): only files are hashed.");
            }

            hash.AppendData(buffer, 0, read);
        }
    }

    public static FileHash Hash(string path)
    {
        try
        {
            return HashFiles(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CommandException($"'{path}' cannot be read to record it: {e.Message}", e);
        }
    }

    private static FileHash HashFiles(string path)
    {
        if (Directory.Exists(path))
        {
            // A folder of frames: one hash over its files' names and contents, in natural order.
            using var all = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            foreach (var file in Directory.GetFiles(path).Order(Sources.NaturalStringComparer.Instance))
            {
                all.AppendData(System.Text.Encoding.UTF8.GetBytes(System.IO.Path.GetFileName(file)));
                AppendRegularFile(all, file);
            }

            return new FileHash(System.IO.Path.GetFullPath(path), Convert.ToHexStringLower(all.GetHashAndReset()));
        }

        using var one = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AppendRegularFile(one, path);
        return new FileHash(System.IO.Path.GetFullPath(path), Convert.ToHexStringLower(one.GetHashAndReset()));
    }

    /// <summary>Checks, before any work, that the manifest can be written where asked (not a folder; its folder made; writable).</summary>
    /// <exception cref="UsageException">The path is a folder.</exception>
    /// <exception cref="CommandException">The folder cannot be made or written.</exception>
    public static void CheckWritable(string path)
    {
        if (Directory.Exists(path))
        {
            throw new UsageException($"--write-manifest '{path}' is a folder: give a file name, e.g. {System.IO.Path.Combine(path, "render.json")}.");
        }

        try
        {
            var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
            Directory.CreateDirectory(folder);
            var probe = path + ".partial";
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CommandException($"--write-manifest '{path}' cannot be written: {e.Message}", e);
        }
    }

    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        var temporary = path + ".partial";
        try
        {
            await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(this, Json), cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw new CommandException($"The manifest '{path}' cannot be written: {e.Message}", e);
        }
    }

    /// <summary>Reads a manifest and checks it can be replayed here.</summary>
    /// <exception cref="CommandException">Newer format, or an input or model that is missing or changed.</exception>
    public static async Task<RenderManifest> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new CommandException($"The manifest '{path}' is not a file.");
        }

        if (new FileInfo(path).Length is 0 or > MaxManifestBytes)
        {
            throw new CommandException($"'{path}' is not a render manifest (a manifest is a JSON file of at most {MaxManifestBytes / 1024} KiB).");
        }

        RenderManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<RenderManifest>(await ReadBoundedAsync(path, MaxManifestBytes, cancellationToken).ConfigureAwait(false), Json);
        }
        catch (JsonException e)
        {
            throw new CommandException($"'{path}' is not a render manifest: {e.Message}", e);
        }

        if (manifest is null || manifest.Arguments is null || manifest.Inputs is null || manifest.Models is null || manifest.Inputs.Count == 0)
        {
            throw new CommandException($"'{path}' is not a render manifest (it needs its arguments, inputs and models).");
        }

        // Replay runs `render` with the recorded arguments and nothing else: no other command, no manifest written or read.
        if (manifest.Arguments.Count == 0 || manifest.Arguments[0] != "render"
            || manifest.Arguments.Any(a => a is "--write-manifest" or "--manifest" || a.StartsWith("--write-manifest=", StringComparison.Ordinal) || a.StartsWith("--manifest=", StringComparison.Ordinal)))
        {
            throw new CommandException($"'{path}' does not record a plain render (its arguments must start with render and may not read or write a manifest); it was not replayed.");
        }

        if (manifest.FormatVersion > CurrentFormat)
        {
            throw new CommandException($"'{path}' was written by a newer muybridge (manifest format {manifest.FormatVersion}; this one reads up to {CurrentFormat}). Update the tool.");
        }

        foreach (var (file, kind) in manifest.Inputs.Select(i => (i, "input")).Concat(manifest.Models.Select(m => (m, "model"))))
        {
            if (!File.Exists(file.Path) && !Directory.Exists(file.Path))
            {
                throw new CommandException($"The manifest's {kind} '{file.Path}' is missing{(kind == "model" ? " (fetch it with `muybridge models fetch`, or put the file back)" : "")}.");
            }

            var now = Hash(file.Path).Sha256;
            if (!string.Equals(now, file.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new CommandException($"The manifest's {kind} '{file.Path}' has changed: SHA-256 {now}, recorded {file.Sha256}. The render would not be the same.");
            }
        }

        return manifest;
    }
}
