print("cancu")
