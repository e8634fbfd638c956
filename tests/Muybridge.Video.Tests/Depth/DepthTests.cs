using Muybridge.Video.Depth;
using Muybridge.Video.Frames;
using Muybridge.Video.Sources;

namespace Muybridge.Video.Tests;

public sealed class DepthTests : PooledTest
{
    [Fact]
    public async Task Ground_plane_puts_the_matted_horse_in_front_of_the_wall_standing_on_the_ground()
    {
        await using var source = OpenFolder("horse-in-motion");
        var frames = await TestImages.ReadAllAsync(source);
        var estimator = new GroundPlaneDepthEstimator();
        try
        {
            foreach (var frame in frames)
            {
                Assert.True(frame.HasAlpha, "horse-in-motion frames are cut-outs with alpha");
                var depth = frame.EnsureDepth();
                estimator.Estimate(frame, depth, TestContext.Current.CancellationToken);
                int width = frame.Width, height = frame.Height;
                var alpha = frame.Alpha.ToArray();

                // The lowest covered row is where the feet are: the ground there, and the wall above everything.
                var feet = Enumerable.Range(0, height).Last(y => Enumerable.Range(0, width).Count(x => alpha[y * width + x] >= 128) >= Math.Max(2, width / 200));
                Assert.Equal(1f, depth[(height - 1) * width], 3);
                Assert.Equal(estimator.Options.WallNearness, depth[0], 3);
                double subject = 0, wall = 0;
                int subjectCount = 0, wallCount = 0;
                for (var i = 0; i < frame.PixelCount; i++)
                {
                    if (alpha[i] == 255)
                    {
                        subject += depth[i];
                        subjectCount++;
                    }
                    else if (alpha[i] == 0 && i / width < feet)
                    {
                        wall += depth[i];
                        wallCount++;
                    }
                }

                var standing = estimator.Options.WallNearness;
                Assert.True(subject / subjectCount >= standing - 1e-3 && subject / subjectCount <= standing + estimator.Options.Relief + 1e-3, $"frame {frame.Index}: subject {subject / subjectCount:0.000}");
                Assert.True(subject / subjectCount > wall / wallCount, $"frame {frame.Index}: subject {subject / subjectCount:0.000} vs wall {wall / wallCount:0.000}");

                // Relief: the body's centre is nearer than its silhouette edge.
                var depthValues = depth.ToArray();
                Assert.True(depthValues.Where((_, i) => alpha[i] == 255).Max() > standing + estimator.Options.Relief / 2);
            }
        }
        finally
        {
            frames.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task Without_a_matte_the_ground_comes_nearer_row_by_row_and_the_pipeline_fills_every_depth_plane()
    {
        await using var plate = OpenPlate("cat-gallop-plate.jpg", 4, 5);
        var count = 0;
        await foreach (var frame in Pipeline.From(plate).EstimateDepth().StreamAsync(TestContext.Current.CancellationToken))
        {
            using (frame)
            {
                Assert.True(frame.HasDepth);
                var depth = frame.Depth;
                for (var y = 1; y < frame.Height; y++)
                {
                    Assert.True(depth[y * frame.Width] >= depth[(y - 1) * frame.Width]);
                }

                Assert.InRange(depth[(frame.Height - 1) * frame.Width], 0.99f, 1f);
                count++;
            }
        }

        Assert.Equal(20, count);
    }
}
