print("fundwatch")
