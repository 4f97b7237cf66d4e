import GraphAlgorithms
print("GraphBench: placeholder")
