fn main() {
    michi_desktop::run()
}
