using Muybridge.Video.Frames;
using Muybridge.Video.Imaging;
using Muybridge.Video.Sinks;
using Muybridge.Video.Sources;

namespace Muybridge.Video.Tests;

public sealed class SinkRoundTripTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("muybridge-sinks-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("buffalo.gif")]
    [InlineData("buffalo.webp")]
    [InlineData("buffalo.apng")]
    [InlineData("buffalo.mp4")]
    [InlineData("frames")]
    public async Task Buffalo_frames_survive_a_round_trip_with_count_and_size(string name)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var source = ImageFolderSource.Open(SharedData.Muybridge("buffalo-gallop"));
        var path = Path.Combine(_folder, name);
        await using (var sink = FrameSinks.ForPath(path))
        {
            var result = await Pipeline.From(source).WriteAsync(sink, cancellationToken: ct);
            Assert.Equal(16, result.FramesWritten);
        }

        await using var back = await FrameSources.OpenAsync(path, cancellationToken: ct);
        var frames = await TestImages.ReadAllAsync(back);
        var originals = await TestImages.ReadAllAsync(source);
        try
        {
            Assert.Equal(16, frames.Count);
            // H.264 in yuv420p needs even sizes: the MP4 sink pads one column, documented in Mp4Sink.
            var width = name.EndsWith(".mp4", StringComparison.Ordinal) ? 226 : 225;
            Assert.All(frames, f => Assert.Equal((width, 138), (f.Width, f.Height)));
            // Content, not just shape: each frame still looks like its original (lossy codecs included).
            for (var i = 0; i < 16; i++)
            {
                using var cropped = Frames.FrameOps.Crop(frames[i], 0, 0, 225, 138);
                var ncc = TestImages.Ncc(TestImages.Luma(cropped), TestImages.Luma(originals[i]));
                Assert.True(ncc > 0.95, $"{name} frame {i}: NCC {ncc:0.000}");
            }

            Assert.Empty(Directory.EnumerateFileSystemEntries(_folder, ".*partial*"));
        }
        finally
        {
            frames.ForEach(f => f.Dispose());
            originals.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task Apng_and_png_frames_keep_the_alpha_plane()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var source = ImageFolderSource.Open(SharedData.Muybridge("horse-in-motion"));
        var apng = Path.Combine(_folder, "horse.apng");
        await using (var sink = new ApngSink(apng))
        {
            await Pipeline.From(source).WriteAsync(sink, cancellationToken: ct);
        }

        var originals = await TestImages.ReadAllAsync(source);
        await using var back = await FrameSources.OpenAsync(Path.Combine(_folder, "horse.apng"), cancellationToken: ct);
        // The APNG's frame count here; its alpha round trip is AlphaRoundTripTests', the PNG sequence's below.
        var decoded = await TestImages.ReadAllAsync(back);
        Assert.Equal(13, decoded.Count);
        decoded.ForEach(f => f.Dispose());

        var folder = Path.Combine(_folder, "horse-frames");
        await using (var sink = new PngSequenceSink(folder))
        {
            await Pipeline.From(source).WriteAsync(sink, cancellationToken: ct);
        }

        await using var pngs = ImageFolderSource.Open(folder);
        var frames = await TestImages.ReadAllAsync(pngs);
        try
        {
            for (var i = 0; i < frames.Count; i++)
            {
                Assert.True(frames[i].HasAlpha);
                Assert.True(frames[i].Alpha.SequenceEqual(originals[i].Alpha), $"alpha of frame {i} changed");
            }
        }
        finally
        {
            frames.ForEach(f => f.Dispose());
            originals.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task Contact_sheet_lays_frames_out_as_a_plate()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var source = ImageFolderSource.Open(SharedData.Muybridge("buffalo-gallop"));
        var path = Path.Combine(_folder, "sheet.png");
        await using (var sink = new ContactSheetSink(path, new ContactSheetOptions { Columns = 4, CellWidth = 100, Gutter = 4 }))
        {
            await Pipeline.From(source).WriteAsync(sink, cancellationToken: ct);
        }

        await using var sheet = AnimatedImageSource.Open(path);
        var frames = await TestImages.ReadAllAsync(sheet);
        var cellHeight = (int)Math.Round(138 * 100 / 225.0);
        Assert.Equal((4 + 4 * 104, 4 + 4 * (cellHeight + 4)), (frames[0].Width, frames[0].Height));
        frames.ForEach(f => f.Dispose());
    }

    [Fact]
    public void A_single_cut_out_frame_round_trips_through_png_with_its_alpha()
    {
        using var original = FrameFile.Load(Path.Combine(SharedData.Muybridge("horse-in-motion"), "01.png"));
        Assert.True(original.HasAlpha);
        var path = Path.Combine(_folder, "horse.png");
        FrameFile.Save(original, path);
        using var back = FrameFile.Load(path);
        Assert.Equal(original.Rgb.ToArray(), back.Rgb.ToArray());
        Assert.Equal(original.Alpha.ToArray(), back.Alpha.ToArray());
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public void A_single_frame_with_an_unknown_extension_or_a_missing_file_is_refused_and_nothing_is_written()
    {
        using var frame = FrameFile.Load(Path.Combine(SharedData.Muybridge("buffalo-gallop"), "01.png"));
        Assert.ThrowsAny<InvalidOptionException>(() => FrameFile.Save(frame, Path.Combine(_folder, "frame.bmp")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
        Assert.Throws<InvalidFrameInputException>(() => FrameFile.Load(Path.Combine(_folder, "missing.png")));
    }
}
