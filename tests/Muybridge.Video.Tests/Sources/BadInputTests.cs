using Muybridge.Video.Matting;
using Muybridge.Video.Sinks;
using Muybridge.Video.Sources;

namespace Muybridge.Video.Tests;

[Collection(nameof(ProcessEnvironment))]
public sealed class BadInputTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("muybridge-bad-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Empty_folder_is_refused()
    {
        var e = Assert.Throws<InvalidFrameInputException>(() => ImageFolderSource.Open(_folder));
        Assert.Contains("holds no images", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Truncated_image_is_refused_naming_the_file()
    {
        var bytes = await File.ReadAllBytesAsync(SharedData.Muybridge("buffalo-gallop/01.png"), TestContext.Current.CancellationToken);
        var path = Path.Combine(_folder, "01.png");
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 2)], TestContext.Current.CancellationToken);
        var e = await Assert.ThrowsAsync<InvalidFrameInputException>(async () =>
        {
            await using var source = ImageFolderSource.Open(_folder);
            await foreach (var frame in source.ReadAsync(TestContext.Current.CancellationToken)) frame.Dispose();
        });
        Assert.Contains("01.png", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreadable_file_is_refused()
    {
        var path = Path.Combine(_folder, "not-an-image.gif");
        File.WriteAllText(path, "hello");
        var e = Assert.Throws<InvalidFrameInputException>(() => AnimatedImageSource.Open(path));
        Assert.Contains("not-an-image.gif", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Frames_of_different_sizes_are_refused_unless_a_canvas_fit_is_chosen()
    {
        var folder = SharedData.Muybridge("sallie-gardner-1878");
        var e = Assert.Throws<InvalidFrameInputException>(() => ImageFolderSource.Open(folder));
        Assert.Contains("differ in size", e.Message, StringComparison.Ordinal);
        Assert.Contains("--fit", e.Message, StringComparison.Ordinal);

        foreach (var fit in new[] { CanvasFit.Center, CanvasFit.Stretch })
        {
            await using var source = ImageFolderSource.Open(folder, new ImageFolderOptions { Fit = fit });
            var frames = await TestImages.ReadAllAsync(source);
            Assert.Equal(11, frames.Count);
            Assert.All(frames, f => Assert.Equal((source.Info.Width, source.Info.Height), (f.Width, f.Height)));
            frames.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public void Folder_frames_are_in_natural_order()
    {
        foreach (var name in new[] { "frame10.png", "frame2.png", "frame1.png" })
        {
            File.Copy(SharedData.Muybridge("buffalo-gallop/01.png"), Path.Combine(_folder, name));
        }

        var source = ImageFolderSource.Open(_folder);
        Assert.Equal(["frame1.png", "frame2.png", "frame10.png"], source.Files.Select(Path.GetFileName));
    }

    [Fact]
    public void Points_are_checked_against_the_frame()
    {
        Assert.ThrowsAny<InvalidOptionException>(() => new SeededMatter([]));
        Assert.ThrowsAny<InvalidOptionException>(() => new SeededMatter([new PointPrompt(5, 5, Positive: false)]));
        var e = Assert.ThrowsAny<OptionOutOfRangeException>(() => new PointPrompt(300, 20).EnsureInside(225, 138));
        Assert.Contains("(300,20) is outside the 225x138 frame", e.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOptionException>(() => PointPrompt.Parse("12;40"));
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new SeededMatter([new PointPrompt(5, 5)], new SeededMatterOptions { BackdropFrames = -1 }));
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new SeededMatter([new PointPrompt(5, 5)], new SeededMatterOptions { BackdropFrames = 1000 }));
    }

    [Fact]
    public async Task A_frame_of_another_size_mid_clip_is_refused_by_the_matter()
    {
        var ct = TestContext.Current.CancellationToken;
        var frames = new[] { TestImages.Solid(64, 48, 40, 40, 40, 0), TestImages.Solid(64, 48, 40, 40, 40, 1), TestImages.Solid(80, 48, 40, 40, 40, 2) };
        var e = await Assert.ThrowsAsync<InvalidFrameInputException>(async () =>
        {
            await foreach (var matted in new SeededMatter([new PointPrompt(30, 20)]).ProcessAsync(frames.ToAsyncEnumerable(), ct))
            {
                matted.Dispose();
            }
        });
        Assert.Contains("Frame 2 is 80x48; the clip being matted is 64x48", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_folder_that_cannot_be_written_is_a_clear_error()
    {
        var file = Path.Combine(_folder, "a-file");
        File.WriteAllText(file, "");
        var e = Assert.Throws<OutputException>(() => new GifSink(Path.Combine(file, "out.gif")));
        Assert.Contains("cannot be created or written", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_ffmpeg_names_the_package_to_install()
    {
        var path = Environment.GetEnvironmentVariable("PATH");
        try
        {
            Environment.SetEnvironmentVariable("PATH", _folder);
            var e = Assert.Throws<ExternalToolException>(() => new Mp4Sink(Path.Combine(_folder, "x.mp4")));
            Assert.Contains("apt-get install ffmpeg", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", path);
        }
    }

    [Fact]
    public async Task A_cancelled_render_leaves_no_output_behind()
    {
        var output = Path.Combine(_folder, "clip.gif");
        await using var source = new SyntheticSource(10_000);
        using var cancel = new CancellationTokenSource();
        // Cancelled by frame count, not by a timer: a busy thread pool can fire a timer after the whole clip is done.
        var cancelAfter50 = new SynchronousProgress(p =>
        {
            if (p.FramesWritten >= 50)
            {
                cancel.Cancel();
            }
        });
        await using (var sink = new GifSink(output))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Pipeline.From(source).WriteAsync(sink, cancelAfter50, cancel.Token));
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }

    [Fact]
    public async Task A_failed_mp4_render_leaves_no_output_behind()
    {
        var output = Path.Combine(_folder, "clip.mp4");
        await using var source = new SyntheticSource(20);
        await using (var sink = new Mp4Sink(output))
        {
            var failing = Pipeline.From(source).Matte([new PointPrompt(1000, 1000)]);
            await Assert.ThrowsAnyAsync<OptionOutOfRangeException>(() => failing.WriteAsync(sink, cancellationToken: TestContext.Current.CancellationToken));
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }
}

internal sealed class SynchronousProgress(Action<PipelineProgress> report) : IProgress<PipelineProgress>
{
    public void Report(PipelineProgress value) => report(value);
}

/// <summary>Tests that change or measure process-wide state (PATH, managed memory) run alone.</summary>
[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment;
