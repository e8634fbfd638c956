using Muybridge.Video.Compositing;
using Muybridge.Video.Frames;
using Muybridge.Video.Interpolation;
using Muybridge.Video.Sources;

namespace Muybridge.Video.Tests;

/// <summary>A clip split into pieces (as a job scheduler would across machines) joins into exactly the single run.</summary>
public sealed class SegmentTests : PooledTest
{
    private async Task<List<Frame>> RunAsync(Func<IFrameSource, IFrameSource> wrap, Func<Pipeline, IFrameSource, Pipeline> finish)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var source = OpenFolder("buffalo-gallop");
        using var scene = ScrollingBackground.FromFile(SharedData.Background, 90);
        var input = wrap(source);
        try
        {
            var pipeline = Pipeline.From(input).Interpolate(2).Composite(scene, new CompositeOptions { Width = 320, Height = 180, SubjectScale = 0.6 });
            return await finish(pipeline, input).StreamAsync(ct).ToListAsync(ct);
        }
        finally
        {
            if (!ReferenceEquals(input, source))
            {
                await input.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Three_pieces_join_bit_identical_to_the_single_run()
    {
        var whole = await RunAsync(s => s, (p, _) => p);
        var pieces = new List<Frame>();
        foreach (var (start, end) in new[] { (0, 5), (5, 11), (11, 16) })
        {
            pieces.AddRange(await RunAsync(s => new SegmentSource(s, start, end), (p, segment) => p.KeepSegment((SegmentSource)segment)));
        }

        try
        {
            Assert.Equal(31, whole.Count);
            Assert.Equal(whole.Count, pieces.Count);
            for (var i = 0; i < whole.Count; i++)
            {
                Assert.Equal(whole[i].Timestamp, pieces[i].Timestamp);
                Assert.True(whole[i].Rgb.SequenceEqual(pieces[i].Rgb), $"frame {i} ({whole[i].Timestamp.TotalMilliseconds:0} ms) differs");
            }
        }
        finally
        {
            whole.Concat(pieces).ToList().ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task A_segment_reads_only_its_frames_and_its_context()
    {
        await using var source = OpenFolder("buffalo-gallop");
        var segment = new SegmentSource(source, 3, 7, contextAfter: 1);
        var frames = await TestImages.ReadAllAsync(segment);
        Assert.Equal([3, 4, 5, 6, 7], frames.Select(f => f.Index));
        Assert.Equal(frames[^1].Timestamp, segment.EndTime);
        Assert.Equal(5, segment.Info.FrameCount);
        frames.ForEach(f => f.Dispose());
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new SegmentSource(source, 5, 5));
    }

    [Fact]
    public async Task A_segment_of_a_folder_or_an_animation_never_decodes_the_frames_before_it()
    {
        // Frames 1–3 are cut short (their headers read, their pixels do not): a segment that decoded its way to frame 4
        // would fail on them.
        var folder = Directory.CreateTempSubdirectory("muybridge-seek");
        try
        {
            var files = Directory.GetFiles(SharedData.Muybridge("buffalo-gallop"), "*.png").Order(StringComparer.Ordinal).ToList();
            for (var i = 0; i < files.Count; i++)
            {
                var target = Path.Combine(folder.FullName, Path.GetFileName(files[i]));
                if (i is >= 1 and <= 3)
                {
                    var bytes = await File.ReadAllBytesAsync(files[i], TestContext.Current.CancellationToken);
                    await File.WriteAllBytesAsync(target, bytes[..(bytes.Length / 3)], TestContext.Current.CancellationToken);
                }
                else
                {
                    File.Copy(files[i], target);
                }
            }

            await using var damaged = ImageFolderSource.Open(folder.FullName);
            await Assert.ThrowsAnyAsync<MuybridgeException>(async () => (await TestImages.ReadAllAsync(damaged)).ForEach(f => f.Dispose()));
            await using var intact = OpenFolder("buffalo-gallop");
            var seeked = await TestImages.ReadAllAsync(new SegmentSource(damaged, 4, 8));
            var read = await TestImages.ReadAllAsync(new SegmentSource(intact, 4, 8));
            Assert.Equal([4, 5, 6, 7, 8], seeked.Select(f => f.Index));
            Assert.Equal(read.Select(f => (f.Index, f.Timestamp, f.Duration)), seeked.Select(f => (f.Index, f.Timestamp, f.Duration)));
            Assert.All(seeked.Zip(read), p => Assert.True(p.First.Rgb.SequenceEqual(p.Second.Rgb)));
            seeked.Concat(read).ToList().ForEach(f => f.Dispose());
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        // An animation's pages: the timestamps of the skipped pages are still summed, as a full read would.
        await using var gif = OpenAnimation("buffalo-gallop.gif");
        var all = await TestImages.ReadAllAsync(gif);
        var tail = await TestImages.ReadAllAsync(new SegmentSource(gif, 10, 16));
        Assert.Equal(all.Skip(10).Select(f => (f.Index, f.Timestamp)), tail.Select(f => (f.Index, f.Timestamp)));
        all.Concat(tail).ToList().ForEach(f => f.Dispose());
    }
}
