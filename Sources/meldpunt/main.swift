import MeldpuntApp
print("x")
