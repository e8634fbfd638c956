using System.Security.Cryptography;
using Muybridge.Video.Cli;

namespace Muybridge.Video.Tests;

/// <summary>The console is the process's own: the command-line tests take it in turn, and nothing else runs beside them.</summary>
[CollectionDefinition(nameof(ConsoleUsers), DisableParallelization = true)]
public sealed class ConsoleUsers;

/// <summary>`muybridge` run in-process as a user would: exit codes, the one line it prints, what it leaves on disk.</summary>
[Collection(nameof(ConsoleUsers))]
public sealed class CliTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("muybridge-cli");

    public void Dispose() => _folder.Delete(recursive: true);

    private static Task<(int Code, string Out, string Error)> RunAsync(params string[] args) => CliRun.RunAsync(args);

    private string Copy(string shared)
    {
        var target = Path.Combine(_folder.FullName, Path.GetFileName(shared));
        File.Copy(shared, target);
        return target;
    }

    [Theory]
    [InlineData("--input-fps", "0")]
    [InlineData("--input-fps", "-1")]
    [InlineData("--input-fps", "Infinity")]
    [InlineData("--interpolate", "0")]
    [InlineData("--interpolate", "-3")]
    [InlineData("--interpolate", "1000")]
    [InlineData("--speed", "0")]
    [InlineData("--loops", "2000000000")]
    [InlineData("--fps", "1e9")]
    [InlineData("--width", "100000")]
    [InlineData("--height", "0")]
    public async Task Numbers_out_of_range_are_bad_arguments_before_any_work(string option, string value)
    {
        var output = Path.Combine(_folder.FullName, "out.gif");
        var (code, _, error) = await RunAsync("render", "-i", SharedData.Muybridge("buffalo-gallop"), option, value, "-o", output);
        Assert.Equal(2, code);
        Assert.Contains(option, error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task An_output_that_is_the_input_is_refused_and_the_input_is_untouched()
    {
        var gif = Copy(SharedData.Muybridge("buffalo-gallop.gif"));
        var before = SHA256.HashData(await File.ReadAllBytesAsync(gif, TestContext.Current.CancellationToken));
        var (code, _, error) = await RunAsync("render", "-i", gif, "-o", gif);
        Assert.Equal(2, code);
        Assert.Contains("is the input", error, StringComparison.Ordinal);
        Assert.Equal(before, SHA256.HashData(await File.ReadAllBytesAsync(gif, TestContext.Current.CancellationToken)));

        // Two images in, one of them out: the same.
        var frames = Path.Combine(_folder.FullName, "frames");
        Directory.CreateDirectory(frames);
        File.Copy(SharedData.Muybridge("buffalo-gallop/01.png"), Path.Combine(frames, "01.png"));
        File.Copy(SharedData.Muybridge("buffalo-gallop/02.png"), Path.Combine(frames, "02.png"));
        (code, _, _) = await RunAsync("interpolate", "-i", Path.Combine(frames, "01.png"), "-i", Path.Combine(frames, "02.png"), "--at", "0.5", "-o", Path.Combine(frames, "01.png"));
        Assert.Equal(2, code);
        (code, _, _) = await RunAsync("render", "-i", frames, "-o", frames + "/");
        Assert.Equal(2, code);
        Assert.Equal(2, Directory.GetFiles(frames).Length);
    }

    [Fact]
    public async Task A_matting_model_with_the_wrong_signature_or_an_unreadable_reference_is_one_line_and_exit_1()
    {
        var output = Path.Combine(_folder.FullName, "out.webp");
        var fixture = Path.Combine(SharedData.RepositoryRoot!, "tests", "fixtures", "rife_signature_fp32.onnx");
        var (code, _, error) = await RunAsync("render", "-i", SharedData.Muybridge("buffalo-gallop.gif"), "--point", "112,69", "--matte-model", fixture, "-o", output);
        Assert.Equal(1, code);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
        Assert.False(File.Exists(output));

        (code, _, error) = await RunAsync("render", "-i", SharedData.Muybridge("buffalo-gallop.gif"), "--reference", Path.Combine(_folder.FullName, "missing.jpg"), "-o", output);
        Assert.Equal(1, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("missing.jpg", error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));

        // A model that would never be loaded is refused, not ignored.
        (code, _, error) = await RunAsync("render", "-i", SharedData.Muybridge("buffalo-gallop.gif"), "--interpolation-model", fixture, "-o", output);
        Assert.Equal(2, code);
        Assert.Contains("--interpolate", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_says_what_runs_at_each_step_and_offline_falls_back_to_the_model_free_matter_saying_why()
    {
        var cache = Path.Combine(_folder.FullName, "cache");
        var (registry, models) = (Environment.GetEnvironmentVariable("npm_config_registry"), Environment.GetEnvironmentVariable("MUYBRIDGE_MODEL_CACHE"));
        Environment.SetEnvironmentVariable("npm_config_registry", "http://127.0.0.1:9/");
        Environment.SetEnvironmentVariable("MUYBRIDGE_MODEL_CACHE", cache);
        try
        {
            var output = Path.Combine(_folder.FullName, "cut");
            var (code, said, error) = await RunAsync("render", "-i", SharedData.Muybridge("buffalo-gallop.gif"), "--point", "112,69", "--point", "135,62",
                "--interpolate", "2", "--fetch-models", "-o", output);
            Assert.True(code == 0, error);
            Assert.Contains("fetch: isnet-medium could not be fetched", said, StringComparison.Ordinal);
            Assert.Contains("matte (source frames, 2 clicks): model-free (seeded): isnet-medium is not in the model cache", said, StringComparison.Ordinal);
            Assert.Contains("interpolate: flow (model-free)", said, StringComparison.Ordinal);
            Assert.Contains("output: cut-outs with alpha (RGBA)", said, StringComparison.Ordinal);
            Assert.Equal(31, Directory.GetFiles(output, "*.png").Length); // 16 photographs, 15 in-betweens (no loop)
            Assert.False(File.Exists(Path.Combine(cache, "isnet-medium.onnx")));
        }
        finally
        {
            Environment.SetEnvironmentVariable("npm_config_registry", registry);
            Environment.SetEnvironmentVariable("MUYBRIDGE_MODEL_CACHE", models);
        }
    }

    [Theory]
    [InlineData("matte")]
    [InlineData("upscale")]
    public async Task A_model_file_that_is_not_there_is_named_in_one_line_and_nothing_is_written(string command)
    {
        var output = Path.Combine(_folder.FullName, $"{command}-missing-model.gif");
        var model = Path.Combine(_folder.FullName, "no-such-model.onnx");
        string[] args = command == "matte"
            ? ["matte", "-i", SharedData.Muybridge("buffalo-gallop.gif"), "--point", "112,69", "--model", model, "-o", output]
            : ["upscale", "-i", SharedData.Muybridge("buffalo-gallop.gif"), "--model", model, "-o", output];
        var (code, _, error) = await RunAsync(args);
        Assert.Equal(1, code);
        Assert.Equal($"error: Model file '{model}' does not exist.", error.Trim());
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task A_plain_photograph_given_a_plate_grid_is_refused_not_sliced()
    {
        var output = Path.Combine(_folder.FullName, "frames");
        var (code, _, error) = await RunAsync("render", "-i", SharedData.Background, "--plate", "2x2", "-o", output + "/");
        Assert.Equal(1, code);
        Assert.Contains("does not look like a plate", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
        Assert.False(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any());
    }

    [Fact]
    public async Task The_model_free_matte_names_the_frames_it_is_unsure_of_and_the_click_that_helps()
    {
        // The grey elephant on its grey wall: the colours lose parts of its back on some frames.
        var output = Path.Combine(_folder.FullName, "mattes");
        var (code, stdout, _) = await RunAsync("matte", "-i", SharedData.Muybridge("elephant-walk"), "--point", "300,200", "--point", "200,400", "-o", output + "/");
        Assert.Equal(0, code);
        var line = Assert.Single(stdout.Split('\n'), l => l.StartsWith("matte: the evidence supports less than", StringComparison.Ordinal));
        Assert.Matches(@"on frame\(s\) \d+ \(0\.\d\d\)", line);
        Assert.Matches(@"--point x,y@\d+$", line.TrimEnd());
    }

    [Fact]
    public async Task A_truncated_animation_is_refused_not_read_as_fewer_frames()
    {
        var ct = TestContext.Current.CancellationToken;
        var whole = await File.ReadAllBytesAsync(SharedData.Muybridge("buffalo-gallop.gif"), ct);
        var cut = Path.Combine(_folder.FullName, "cut.gif");
        await File.WriteAllBytesAsync(cut, whole[..113_521], ct);
        var output = Path.Combine(_folder.FullName, "out.gif");
        var (code, _, error) = await RunAsync("render", "-i", cut, "-o", output);
        Assert.Equal(1, code);
        Assert.Contains("cut short", error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));

        // A WebP the same way: written whole here, then cut.
        var webp = Path.Combine(_folder.FullName, "whole.webp");
        Assert.Equal(0, (await RunAsync("render", "-i", SharedData.Muybridge("buffalo-gallop.gif"), "-o", webp)).Code);
        var bytes = await File.ReadAllBytesAsync(webp, ct);
        var cutWebp = Path.Combine(_folder.FullName, "cut.webp");
        await File.WriteAllBytesAsync(cutWebp, bytes[..(bytes.Length * 2 / 3)], ct);
        (code, _, error) = await RunAsync("render", "-i", cutWebp, "-o", output);
        Assert.Equal(1, code);
        Assert.Contains("cut short", error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    /// <summary>A PNG whose header declares <paramref name="width"/>×<paramref name="height"/> pixels (its data a few bytes).</summary>
    private static byte[] HugePng(int width, int height)
    {
        static uint Crc(ReadOnlySpan<byte> data)
        {
            var crc = 0xFFFFFFFFu;
            foreach (var b in data)
            {
                crc ^= b;
                for (var k = 0; k < 8; k++)
                {
                    crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
                }
            }

            return ~crc;
        }

        static void Chunk(MemoryStream png, string type, byte[] data)
        {
            var length = new byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
            png.Write(length);
            var body = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
            png.Write(body);
            var crc = new byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(crc, Crc(body));
            png.Write(crc);
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        (header[8], header[9]) = (8, 0); // 8-bit grey
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    [Fact]
    public async Task A_picture_over_the_pixel_budget_is_refused_from_its_header_for_every_image_option()
    {
        var ct = TestContext.Current.CancellationToken;
        var big = Path.Combine(_folder.FullName, "big.png");
        await File.WriteAllBytesAsync(big, HugePng(20_000, 20_000), ct);
        var output = Path.Combine(_folder.FullName, "out");
        foreach (var args in new[]
        {
            new[] { "depth", "-i", big, "--plate", "2x2", "-o", output },
            ["render", "-i", SharedData.Muybridge("buffalo-gallop.gif"), "--point", "112,69", "--background", big, "-o", output],
            ["render", "-i", SharedData.Muybridge("buffalo-gallop.gif"), "--reference", big, "-o", output],
        })
        {
            var (code, _, error) = await RunAsync(args);
            Assert.True(code == 1, $"{string.Join(' ', args)}: exit {code}, {error}");
            Assert.Contains("(400 megapixels), over the 100-megapixel limit", error, StringComparison.Ordinal);
            Assert.False(Directory.Exists(output) || File.Exists(output));
        }
    }

    [Fact]
    public async Task A_second_command_writing_the_same_outputs_at_once_fails_clearly_and_leaves_them_alone()
    {
        var output = Path.Combine(_folder.FullName, "run.gif");
        // The first render holds the outputs' lock while it writes (held here as it would be).
        using (new FileStream(output + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose))
        {
            var (code, _, error) = await RunAsync("render", "-i", SharedData.Muybridge("buffalo-gallop.gif"), "-o", output);
            Assert.Equal(1, code);
            Assert.Contains("Another muybridge command is writing", error, StringComparison.Ordinal);
            Assert.False(File.Exists(output));
        }

        // Once it is done, the lock is gone and the next render writes.
        Assert.Equal(0, (await RunAsync("render", "-i", SharedData.Muybridge("buffalo-gallop.gif"), "-o", output)).Code);
        Assert.True(File.Exists(output));
        Assert.False(File.Exists(output + ".lock"));
    }

    [Fact]
    public async Task A_manifest_replays_only_a_plain_render_of_regular_files_and_refuses_anything_else_in_one_line()
    {
        var ct = TestContext.Current.CancellationToken;
        var frames = Path.Combine(_folder.FullName, "frames");
        Directory.CreateDirectory(frames);
        foreach (var file in Directory.GetFiles(SharedData.Muybridge("buffalo-gallop")).Take(4))
        {
            File.Copy(file, Path.Combine(frames, Path.GetFileName(file)));
        }

        var output = Path.Combine(_folder.FullName, "out.gif");
        var manifest = Path.Combine(_folder.FullName, "run.json");
        Assert.Equal(0, (await RunAsync("render", "-i", frames, "-o", output, "--write-manifest", manifest)).Code);
        var recorded = await File.ReadAllTextAsync(manifest, ct);

        async Task RefusedAsync(string text, string why)
        {
            var edited = Path.Combine(_folder.FullName, "edited.json");
            await File.WriteAllTextAsync(edited, text, ct);
            var (code, _, error) = await RunAsync("render", "--manifest", edited);
            Assert.True(code == 1, $"{why}: exit {code}");
            Assert.Single(error.Trim().Split('\n'));
            Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        }

        // Another command, a smuggled manifest write, no inputs, a model that is a device: all refused before any work.
        await RefusedAsync(recorded.Replace("\"render\",", "\"models\", \"fetch\", \"isnet-medium\",", StringComparison.Ordinal), "another command");
        await RefusedAsync(recorded.Replace("\"render\",", "\"render\", \"--write-manifest\", \"/tmp/x.json\",", StringComparison.Ordinal), "a smuggled --write-manifest");
        await RefusedAsync(System.Text.RegularExpressions.Regex.Replace(recorded, "\"inputs\": \\[[^\\]]*\\]", "\"inputs\": []"), "no inputs");
        await RefusedAsync(recorded.Replace("\"models\": []", "\"models\": [{ \"path\": \"/dev/zero\", \"sha256\": \"00\" }]", StringComparison.Ordinal), "a device as a model");
        foreach (var notAManifest in new[] { _folder.FullName, "/dev/zero" })
        {
            var (code, _, error) = await RunAsync("render", "--manifest", notAManifest);
            Assert.Equal(1, code);
            Assert.Single(error.Trim().Split('\n'));
        }
    }

    [Fact]
    public async Task A_manifest_that_cannot_be_written_is_refused_before_any_output_is_made()
    {
        var output = Path.Combine(_folder.FullName, "out.gif");
        var (code, _, error) = await RunAsync("render", "-i", SharedData.Muybridge("buffalo-gallop.gif"), "-o", output, "--write-manifest", _folder.FullName);
        Assert.Equal(2, code);
        Assert.Contains("is a folder", error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(_folder.FullName, "*.partial"));

        // Into a folder that does not exist yet: made, and the manifest written there.
        var manifest = Path.Combine(_folder.FullName, "new", "run.json");
        (code, _, error) = await RunAsync("render", "-i", SharedData.Muybridge("buffalo-gallop.gif"), "-o", output, "--write-manifest", manifest);
        Assert.True(code == 0, error);
        Assert.True(File.Exists(manifest));
    }

    [Fact]
    public async Task A_replay_reads_the_files_it_verified_and_writes_only_inside_the_manifests_folder_unless_told_where()
    {
        var ct = TestContext.Current.CancellationToken;
        var recorded = Path.Combine(_folder.FullName, "recorded");
        var frames = Path.Combine(recorded, "frames");
        Directory.CreateDirectory(frames);
        foreach (var file in Directory.GetFiles(SharedData.Muybridge("buffalo-gallop")).Take(4))
        {
            File.Copy(file, Path.Combine(frames, Path.GetFileName(file)));
        }

        var output = Path.Combine(recorded, "out.gif");
        var manifest = Path.Combine(recorded, "run.json");
        Assert.Equal(0, (await RunAsync("render", "-i", frames, "-o", output, "--write-manifest", manifest)).Code);
        var first = await File.ReadAllBytesAsync(output, ct);
        File.Delete(output);

        // Replayed: the same bytes, where the manifest lives.
        Assert.Equal(0, (await RunAsync("render", "--manifest", manifest)).Code);
        Assert.Equal(first, await File.ReadAllBytesAsync(output, ct));

        // Edited to write elsewhere: refused, unless -o says where; anything else beside --manifest is refused.
        var text = await File.ReadAllTextAsync(manifest, ct);
        var outside = Path.Combine(_folder.FullName, "outside.gif");
        var edited = Path.Combine(recorded, "edited.json");
        await File.WriteAllTextAsync(edited, text.Replace(output, outside, StringComparison.Ordinal), ct);
        var (code, _, error) = await RunAsync("render", "--manifest", edited);
        Assert.Equal(1, code);
        Assert.Contains("outside its own folder", error, StringComparison.Ordinal);
        Assert.False(File.Exists(outside));
        var named = Path.Combine(_folder.FullName, "named.gif");
        Assert.Equal(0, (await RunAsync("render", "--manifest", edited, "-o", named)).Code);
        Assert.Equal(first, await File.ReadAllBytesAsync(named, ct));
        Assert.Equal(1, (await RunAsync("render", "--manifest", manifest, "--fps", "3")).Code);

        // Edited to read another folder than the one it hashed: refused.
        var other = Path.Combine(_folder.FullName, "other");
        Directory.CreateDirectory(other);
        File.Copy(Directory.GetFiles(frames)[0], Path.Combine(other, "01.png"));
        await File.WriteAllTextAsync(edited, text.Replace("\"-i\",\n    \"" + frames, "\"-i\",\n    \"" + other, StringComparison.Ordinal), ct);
        (code, _, error) = await RunAsync("render", "--manifest", edited);
        Assert.Equal(1, code);
        Assert.Contains("not among the inputs it verified", error, StringComparison.Ordinal);
    }
}
