using System.Diagnostics;

namespace Muybridge.Video.Tests;

/// <summary>
/// Damaged pictures of every format the readers take (PNG, JPEG, GIF, WebP: truncated, bytes flipped in the header or
/// anywhere, sizes in the header made huge), seeded and bounded, each read by the real `muybridge` in a child process
/// held under a memory ceiling: every run ends in a clean one-line error or a valid output, never a crash, a stack trace
/// or a hang. A child process, because a native decoder that crashed would take the test host with it.
/// </summary>
public sealed class ReaderFuzzTests : IDisposable
{
    private const int CasesPerFormat = 16;
    private const long MemoryCeiling = 1_500L * 1024 * 1024;
    private static readonly TimeSpan PerRun = TimeSpan.FromSeconds(30);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("muybridge-fuzz");

    public void Dispose() => _folder.Delete(recursive: true);

    private static byte[] Mutated(byte[] original, Random random, int kind)
    {
        var bytes = original.ToArray();
        switch (kind % 4)
        {
            case 0: // cut short
                return bytes[..random.Next(1, bytes.Length)];
            case 1: // a few bytes of the header changed
                for (var k = 0; k < random.Next(1, 5); k++)
                {
                    bytes[random.Next(0, Math.Min(64, bytes.Length))] = (byte)random.Next(256);
                }

                return bytes;
            case 2: // bytes anywhere changed
                for (var k = 0; k < random.Next(1, 9); k++)
                {
                    bytes[random.Next(0, bytes.Length)] = (byte)random.Next(256);
                }

                return bytes;
            default: // 0xFF runs where sizes usually sit (PNG IHDR, GIF screen, JPEG SOF after its markers, WebP VP8X)
                var at = random.Next(6, Math.Min(40, bytes.Length - 4));
                bytes[at] = bytes[at + 1] = bytes[at + 2] = 0xFF;
                return bytes;
        }
    }

    [Fact]
    public async Task Damaged_pictures_of_every_format_end_in_a_clean_error_or_a_valid_frame()
    {
        var ct = TestContext.Current.CancellationToken;
        var webp = Path.Combine(_folder.FullName, "source.webp");
        Assert.Equal(0, (await RunAsync(["render", "-i", SharedData.Muybridge("buffalo-gallop.gif"), "-o", webp], ct)).Code);
        var originals = new (string Extension, byte[] Bytes)[]
        {
            (".png", await File.ReadAllBytesAsync(SharedData.Muybridge("buffalo-gallop/01.png"), ct)),
            (".jpg", await File.ReadAllBytesAsync(SharedData.Muybridge("cat-gallop-plate.jpg"), ct)),
            (".gif", await File.ReadAllBytesAsync(SharedData.Muybridge("tiny-gallop.gif"), ct)),
            (".webp", await File.ReadAllBytesAsync(webp, ct)),
        };

        var random = new Random(20261203);
        int clean = 0, read = 0;
        var peak = 0L;
        foreach (var (extension, bytes) in originals)
        {
            for (var c = 0; c < CasesPerFormat; c++)
            {
                // A still picture goes in as a one-frame folder, an animation as itself.
                var folder = Path.Combine(_folder.FullName, $"case{extension.TrimStart('.')}{c}");
                Directory.CreateDirectory(folder);
                var input = Path.Combine(folder, "01" + extension);
                await File.WriteAllBytesAsync(input, Mutated(bytes, random, c), ct);
                var output = Path.Combine(_folder.FullName, $"out{extension.TrimStart('.')}{c}");
                var run = await RunAsync(["render", "-i", extension is ".gif" or ".webp" ? input : folder, "-o", output], ct);
                peak = Math.Max(peak, run.PeakBytes);
                var what = $"{extension} case {c}: exit {run.Code}, {run.Error.Trim()}";
                Assert.True(run.Code is 0 or 1, what);
                Assert.DoesNotContain("\n   at ", run.Error, StringComparison.Ordinal);
                Assert.DoesNotContain("Unhandled exception", run.Error, StringComparison.Ordinal);
                if (run.Code == 1)
                {
                    Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
                    Assert.False(Directory.Exists(output), what);
                    clean++;
                }
                else
                {
                    Assert.NotEmpty(Directory.GetFiles(output, "*.png"));
                    read++;
                }
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{clean} clean errors, {read} read (damage the decoder could read past), peak working set {peak / 1048576} MiB");
        Assert.Equal(originals.Length * CasesPerFormat, clean + read);
        Assert.True(peak < MemoryCeiling, $"peak working set {peak / 1048576} MiB");
    }

    /// <summary>Runs `muybridge` from the test's own folder with a managed-heap limit, watching its working set; kills it past the ceiling or the time limit.</summary>
    private static async Task<(int Code, string Error, long PeakBytes)> RunAsync(string[] args, CancellationToken ct)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "muybridge.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_GCHeapHardLimit"] = "0x40000000";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync(ct);
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var clock = Stopwatch.StartNew();
        var peak = 0L;
        while (!process.HasExited)
        {
            try
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
            }
            catch (InvalidOperationException)
            {
                break;
            }

            if (peak > 2 * MemoryCeiling || clock.Elapsed > PerRun)
            {
                process.Kill(entireProcessTree: true);
                break;
            }

            await Task.Delay(20, ct);
        }

        await process.WaitForExitAsync(ct);
        await output;
        return (process.ExitCode, await error, peak);
    }
}
