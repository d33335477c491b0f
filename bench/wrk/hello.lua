local g = dofile(os.getenv("BENCH_WRK") .. "/gemeen.lua")
done = g.done
